// Written for the tests, in the style of generated codecs: helpers added to Object.prototype
// and called on input.bytes, and ES2015 `let` declarations ending without a semicolon.
Object.prototype.readLevel16BE = function (offset) {
  return (this[offset] << 8) | this[offset + 1];
};

function decodeUplink(input) {
  let levels = {}
  let count = input.bytes[0]
  for (let i = 0; i < count; i++) levels['tank' + (i + 1)] = input.bytes.readLevel16BE(1 + 2 * i) / 10
  return { data: { count: count, levels: levels } };
}
