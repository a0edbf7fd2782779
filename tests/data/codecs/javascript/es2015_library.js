// The ES2015+ library calls the compatibility layer supplies (duktape 2.7 lacks them) together
// with the syntax duktape accepts (const, shorthand methods and properties, 0x/0b literals).
const UNITS = new Map([[1, 'cm'], [2, 'mm']]);

function hex(bytes) {
  return Array.from(bytes, function (b) { return b.toString(16).padStart(2, '0'); }).join('');
}

function decodeUplink(input) {
  const bytes = input.bytes;
  const raw = new Uint8Array(bytes);
  const distance = new DataView(raw.buffer).getUint16(1, false);
  const flags = [];
  [0b001, 0b010, 0b100].forEach(function (bit, i) { if (bytes[3] & bit) flags.push('f' + i); });
  const base = { unit: UNITS.get(bytes[0]) };
  const data = Object.assign({}, base, {
    distance,
    hex: hex(bytes),
    hexEnd: hex(raw.slice(2)).padEnd(8, '.'),
    firstBig: bytes.find(function (b) { return b > 0x7f; }),
    firstBigAt: bytes.findIndex(function (b) { return b > 0x7f; }),
    hasZero: bytes.includes(0),
    flags,
    filled: new Array(3).fill(7),
    of: Array.of(1, 2),
    entries: Object.entries({ a: 1, b: 2 }),
    values: Object.values({ a: 1, b: 2 }),
    integer: Number.isInteger(distance),
    trunc: Math.trunc(-4.7),
    sign: Math.sign(-3),
    log2: Math.log2(8),
    log10: Math.log10(1000),
    parsed: Number.parseFloat('2.50'),
    nan: Number.isNaN(NaN),
    set: Array.from(new Set([3, 3, 4])),
    title: 'ultra'.startsWith('ul') && 'ultra'.endsWith('ra') && 'ultra'.includes('tr'),
    repeat: 'ab'.repeat(2),
    fixed: (distance / 3).toFixed(2),
    half: 0.5,
    negativeZero: -0,
    big: 1e21,
    float: 0.1 + 0.2,
    method() { return 1; }
  });
  return { data: data };
}
