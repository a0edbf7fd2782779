function decodeUplink(input) {
  return { data: { value: input.bytes[0] }
}
