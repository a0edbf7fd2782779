// Loops for ever on fPort 1; decodes normally on any other port.
function decodeUplink(input) {
  if (input.fPort === 1) {
    while (true) {}
  }
  return { data: { port: input.fPort } };
}
