// ES2015 syntax duktape 2.7 cannot parse: the worker lowers it (arrow functions, let, template
// literals) when the codec as written does not compile.
'use strict';
const hex = (bytes) => bytes.map(b => b.toString(16).padStart(2, '0')).join('')
let scale = 10;

function decodeUplink(input) {
  let readings = [];
  for (let i = 0; i + 1 < input.bytes.length; i += 2) {
    readings.push(((input.bytes[i] << 8) | input.bytes[i + 1]) / scale);
  }
  const labels = readings.map((value, index) => `r${index + 1}=${value.toFixed(1)} °C`);
  return {
    data: {
      hex: hex(input.bytes),
      readings,
      labels,
      allPositive: readings.every(value => value > 0),
      summary: `${readings.length} readings
on port ${input.fPort}`,
      regex: /=>`/.test('a=>`b') ? 'ok' : 'no'
    }
  };
}
