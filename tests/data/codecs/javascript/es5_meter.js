// ES5, no strict mode: a water meter reporting a 32-bit big-endian index and a battery byte.
// Echoes fPort, the variables and the receive time so the tests can check what came in.
function decodeUplink(input) {
  var b = input.bytes;
  if (input.fPort !== 2) {
    return { errors: ["unknown fPort " + input.fPort] };
  }
  if (b.length < 5) {
    return { errors: ["payload too short: " + b.length + " bytes"], warnings: ["check the device"] };
  }
  var index = ((b[0] << 24) >>> 0) + (b[1] << 16) + (b[2] << 8) + b[3];
  var data = {
    index_litres: index,
    volume_m3: index / 1000,
    battery_percent: b[4],
    is_array: Array.isArray(b),
    fPort: input.fPort,
    site: input.variables.site || null
  };
  if (input.recvTime) {
    data.received = input.recvTime.toISOString();
  }
  return { data: data, warnings: b[4] < 10 ? ["battery low"] : [] };
}
