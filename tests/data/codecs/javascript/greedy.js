// fPort 1 keeps every string it doubles until something gives; fPort 2 returns an 8 MB string;
// any other port decodes normally.
function decodeUplink(input) {
  if (input.fPort === 1) {
    var hoard = [];
    var text = 'x';
    while (true) {
      text = text + text;
      hoard.push(text);
    }
  }
  if (input.fPort === 2) {
    var big = 'y';
    while (big.length < 8 * 1024 * 1024) big += big;
    return { data: { text: big } };
  }
  return { data: { port: input.fPort } };
}
