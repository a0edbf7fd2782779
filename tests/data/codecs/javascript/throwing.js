// Throws on fPort 1; reads a property of undefined on fPort 2; fine elsewhere.
function decodeUplink(input) {
  if (input.fPort === 1) {
    throw new Error('unsupported frame type ' + input.bytes[0]);
  }
  if (input.fPort === 2) {
    return { data: { value: input.nothing.there } };
  }
  return { data: { ok: true } };
}
