// Defines no decodeUplink: refused at import.
function encodeDownlink(input) {
  return { bytes: [1], fPort: 1 };
}
