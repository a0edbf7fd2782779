// A JavaScript twin of the native milesight-iot-em310-udl codec (codecs/milesight_em310_udl.cpp),
// written for the benchmark: the same channel records and the same output keys, so that the two
// decode the same payload to the same object.
function decodeUplink(input) {
  var bytes = input.bytes;
  var data = {};
  for (var i = 0; i + 1 < bytes.length;) {
    var id = bytes[i++];
    var type = bytes[i++];
    if (id === 0x01 && type === 0x75) {
      data.battery = bytes[i];
      i += 1;
    } else if (id === 0x03 && type === 0x82) {
      data.distance = bytes[i] | (bytes[i + 1] << 8);
      i += 2;
    } else if (id === 0x04 && type === 0x00) {
      data.tilt = bytes[i] === 0 ? 'normal' : 'tilt';
      i += 1;
    } else {
      break;
    }
  }
  return { data: data };
}
