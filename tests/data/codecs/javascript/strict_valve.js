'use strict';
// Strict mode with all three entry points: a valve that reports its state and takes
// open/close commands on fPort 10.
var COMMANDS = { close: 0, open: 1 };

function decodeUplink(input) {
  return { data: { open: input.bytes[0] === 1, temperature: (input.bytes[1] << 24 >> 24) / 2 } };
}

function encodeDownlink(input) {
  var state = input.data.state;
  if (!(state in COMMANDS)) {
    return { errors: ['state must be open or close'] };
  }
  return { bytes: [0xa0, COMMANDS[state], input.data.minutes || 0], fPort: 10 };
}

function decodeDownlink(input) {
  if (input.bytes[0] !== 0xa0) {
    return { errors: ['not a valve command'] };
  }
  return { data: { state: input.bytes[1] === 1 ? 'open' : 'close', minutes: input.bytes[2] } };
}
