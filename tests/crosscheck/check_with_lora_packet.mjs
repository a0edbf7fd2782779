// Checks, with lora-packet (an independent JavaScript implementation of LoRaWAN framing and
// crypto), the frames that crosscheck_frames built with Hortillon's own code.
//
//   crosscheck_frames | node check_with_lora_packet.mjs
//
// Reads the JSON array of cases on stdin. For every case it checks, through lora-packet's API
// only: the MIC, the decrypted FRMPayload and FOpts, the header fields, and for join-accepts the
// decrypted fields, the MIC and the session keys lora-packet derives. Prints one line per failing
// or skipped case, then a last line "N passed, M failed". Exits 1 if anything failed or fewer
// cases than expected were checked, so a checker that checks nothing fails.
//
// lora-packet API conventions this file relies on (lora-packet 0.9.3, src/lib/mic.ts, crypto.ts):
// - DevAddr, FCnt, EUIs, nonces and NetID are presented big-endian; 32-bit counters are passed as
//   "FCntMSBytes", the upper 16 bits in on-air (little-endian) order.
// - The 1.1 downlink MIC takes ConfFCnt as the 2 bytes that go into B0 (little-endian), keyed by
//   the third argument; the 1.1 uplink MIC takes ConfFCnt big-endian (it swaps it into B1),
//   followed by TxDr and TxCh, with FNwkSIntKey second and SNwkSIntKey third.
// - The 1.1 join-accept MIC reads JoinEUI and DevNonce from the packet object: they are not on
//   air, so they are set before calling verifyMIC.

import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const require = createRequire(import.meta.url);
const lora = require("lora-packet");

// How many cases of each kind crosscheck_frames must produce at least.
const expectedMinimum = { join_accept: 13, data_downlink: 25, data_uplink: 16 };

const buf = (hex) => Buffer.from(hex, "hex");
const hex = (bytes) => Buffer.from(bytes).toString("hex");
// The upper 16 bits of a 32-bit frame counter, little-endian, as lora-packet appends them.
const fCntMsb = (fCnt) => Buffer.from([(fCnt >>> 16) & 0xff, (fCnt >>> 24) & 0xff]);

class CaseCheck {
  constructor(kase) {
    this.kind = kase.kind;
    this.name = kase.name;
    this.assertions = 0;
    this.failures = [];
    this.skipReason = null;
  }

  equal(what, actual, expected) {
    this.assertions += 1;
    if (actual !== expected) {
      this.failures.push(`${what}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
    }
  }

  fail(reason) {
    this.assertions += 1;
    this.failures.push(reason);
  }

  skip(reason) {
    this.skipReason = reason;
  }
}

// Join-request, join-accept and session keys, from the device's side.
function checkJoinAccept(kase, check, joined) {
  const built = kase.built;
  const appKey = buf(kase.app_key);
  const nwkKey = kase.opt_neg ? buf(kase.nwk_key) : null;
  const rootKey = kase.opt_neg ? nwkKey : appKey; // signs the join-request, encrypts the accept
  const devNonce = buf(kase.dev_nonce);

  check.equal("Hortillon accepts its own join-request", built.join_request_verified, true);
  const request = lora.fromWire(buf(kase.join_request));
  check.equal("join-request MType", request.getMType(), "Join Request");
  check.equal("join-request JoinEUI", hex(request.AppEUI), kase.join_eui);
  check.equal("join-request DevEUI", hex(request.DevEUI), kase.dev_eui);
  check.equal("join-request DevNonce", hex(request.DevNonce), kase.dev_nonce);
  check.equal("join-request MIC verifies", lora.verifyMIC(request, undefined, rootKey), true);

  const phy = buf(kase.phy_payload);
  check.equal("join-accept length", phy.length, kase.cf_list ? 33 : 17);
  const packet = lora.fromWire(phy);
  check.equal("MType", packet.getMType(), "Join Accept");
  const accept = lora.fromWire(lora.decryptJoinAccept(packet, rootKey));
  check.equal("JoinNonce", hex(accept.AppNonce), kase.join_nonce);
  check.equal("NetID", hex(accept.NetID), kase.net_id);
  check.equal("DevAddr", hex(accept.DevAddr), kase.dev_addr);
  check.equal("DLSettings", hex(accept.DLSettings), kase.dl_settings);
  check.equal("DLSettings.OptNeg", accept.getDLSettingsOptNeg(), kase.opt_neg);
  check.equal("DLSettings.RX1DROffset", accept.getDLSettingsRxOneDRoffset(), kase.rx1_dr_offset);
  check.equal("DLSettings.RX2DataRate", accept.getDLSettingsRxTwoDataRate(), kase.rx2_dr);
  check.equal("RxDelay", hex(accept.RxDelay), kase.rx_delay);
  check.equal("CFList", hex(accept.CFList), kase.cf_list);

  let keys;
  if (!kase.opt_neg) {
    check.equal("MIC verifies (AppKey)", lora.verifyMIC(accept, undefined, appKey), true);
    const derived = lora.generateSessionKeys(appKey, accept.NetID, accept.AppNonce, devNonce);
    keys = {
      f_nwk_s_int_key: hex(derived.NwkSKey),
      s_nwk_s_int_key: hex(derived.NwkSKey),
      nwk_s_enc_key: hex(derived.NwkSKey),
      app_s_key: hex(derived.AppSKey),
    };
  } else {
    const js = lora.generateJSKeys(nwkKey, buf(kase.dev_eui));
    check.equal("JSIntKey", built.js_int_key, hex(js.JSIntKey));
    check.equal("JSEncKey", built.js_enc_key, hex(js.JSEncKey));
    accept.JoinEUI = buf(kase.join_eui);
    accept.DevNonce = devNonce;
    check.equal("MIC verifies (JSIntKey, OptNeg)", lora.verifyMIC(accept, js.JSIntKey), true);
    const derived = lora.generateSessionKeys11(appKey, nwkKey, buf(kase.join_eui), accept.AppNonce, devNonce);
    keys = {
      f_nwk_s_int_key: hex(derived.FNwkSIntKey),
      s_nwk_s_int_key: hex(derived.SNwkSIntKey),
      nwk_s_enc_key: hex(derived.NwkSEncKey),
      app_s_key: hex(derived.AppSKey),
    };
  }
  check.equal("session uses 1.1 keys and counters", built.lorawan_1_1, kase.opt_neg);
  for (const [name, value] of Object.entries(keys)) {
    check.equal(`session key ${name}`, built.session_keys[name], value);
  }
  joined.set(kase.name, { keys, dev_addr: hex(accept.DevAddr) });
}

// The session keys a data frame is checked with: lora-packet's own derivation when the session
// came from one of the joins.
function sessionKeys(kase, check, joined) {
  const session = kase.session;
  let keys = session.keys;
  if (session.from_join !== null) {
    const source = joined.get(session.from_join);
    if (!source) {
      check.fail(`session from join case "${session.from_join}", which was not checked`);
      return null;
    }
    for (const [name, value] of Object.entries(source.keys)) {
      check.equal(`session key ${name} (from the join)`, keys[name], value);
    }
    check.equal("DevAddr (from the join)", session.dev_addr, source.dev_addr);
    keys = source.keys;
  }
  return Object.fromEntries(Object.entries(keys).map(([name, value]) => [name, buf(value)]));
}

function expectedMic(packet, direction, v11, keys, expect) {
  const msb = fCntMsb(expect.f_cnt);
  if (!v11) {
    return lora.calculateMIC(packet, keys.f_nwk_s_int_key, undefined, msb);
  }
  const conf = expect.conf_f_cnt;
  if (direction === "down") {
    const confLe = Buffer.from([conf & 0xff, conf >>> 8]);
    return lora.calculateMIC(packet, keys.s_nwk_s_int_key, keys.s_nwk_s_int_key, msb, confLe);
  }
  const confBeTxDrTxCh = Buffer.from([conf >>> 8, conf & 0xff, expect.tx_dr, expect.tx_ch]);
  return lora.calculateMIC(packet, keys.f_nwk_s_int_key, keys.s_nwk_s_int_key, msb, confBeTxDrTxCh);
}

function checkDataFrame(kase, check, joined, direction) {
  if (kase.built?.refused !== undefined) {
    check.fail(`Hortillon refused to build the frame (error ${kase.built.refused})`);
    return;
  }
  const keys = sessionKeys(kase, check, joined);
  if (keys === null) return;
  const expect = kase.expect;
  const v11 = kase.session.lorawan_1_1;
  const phy = buf(kase.phy_payload);
  const packet = lora.fromWire(phy);
  const msb = fCntMsb(expect.f_cnt);

  check.equal("MHDR", phy[0], expect.m_type << 5);
  check.equal("direction", packet.getDir(), direction);
  check.equal("DevAddr", hex(packet.DevAddr), kase.session.dev_addr);
  check.equal("FCnt (16 bits on air)", packet.getFCnt(), expect.f_cnt & 0xffff);
  check.equal("FCtrl.ADR", packet.getFCtrlADR(), expect.adr);
  check.equal("FCtrl.ACK", packet.getFCtrlACK(), expect.ack);
  if (direction === "down") {
    check.equal("FCtrl.FPending", packet.getFCtrlFPending(), expect.f_pending);
  } else {
    check.equal("FCtrl.ADRACKReq", packet.getFCtrlADRACKReq(), expect.adr_ack_req);
    check.equal("FCtrl.ClassB (bit 4)", (packet.FCtrl[0] & 0x10) !== 0, expect.class_b);
  }
  const fOptsLength = expect.f_opts.length / 2;
  const frmLength = expect.frm_payload.length / 2;
  const portLength = expect.f_port === null ? 0 : 1;
  check.equal("PHYPayload length", phy.length, 1 + 7 + fOptsLength + portLength + frmLength + 4);
  check.equal("FPort", packet.getFPort(), expect.f_port);

  check.equal("MIC", hex(packet.MIC), hex(expectedMic(packet, direction, v11, keys, expect)));

  if (expect.f_port !== null && frmLength > 0) {
    const plain = lora.decrypt(packet, keys.app_s_key, keys.nwk_s_enc_key, msb);
    check.equal("FRMPayload decrypted", hex(plain), expect.frm_payload);
  } else {
    check.equal("FRMPayload", hex(packet.FRMPayload), "");
  }
  if (!v11) {
    check.equal("FOpts (clear in 1.0)", hex(packet.FOpts), expect.f_opts);
  } else {
    const copy = lora.fromWire(phy); // decryptFOpts rewrites the packet it is called on
    check.equal("FOpts decrypted", hex(copy.decryptFOpts(keys.nwk_s_enc_key, undefined, msb)), expect.f_opts);
    if (fOptsLength > 0) {
      check.equal("FOpts encrypted on air (1.1)", hex(packet.FOpts) !== expect.f_opts, true);
    }
  }
  if (direction === "down") {
    for (const field of ["f_cnt", "a_f_cnt_down", "application_included", "mac_commands_included", "confirmed"]) {
      check.equal(`Hortillon reports ${field}`, kase.built[field], expect[field]);
    }
  }
}

function checkCase(kase, joined) {
  const check = new CaseCheck(kase);
  try {
    if (kase.kind === "join_accept") {
      checkJoinAccept(kase, check, joined);
    } else if (kase.kind === "data_downlink") {
      checkDataFrame(kase, check, joined, "down");
    } else if (kase.kind === "data_uplink") {
      checkDataFrame(kase, check, joined, "up");
    } else {
      check.fail(`unknown case kind ${JSON.stringify(kase.kind)}`);
    }
  } catch (error) {
    check.fail(`exception while checking (lora-packet or this checker): ${error.message}`);
  }
  if (check.skipReason === null && check.assertions === 0) {
    check.fail("nothing was checked");
  }
  return check;
}

function main() {
  let cases;
  try {
    cases = JSON.parse(readFileSync(0, "utf8"));
    if (!Array.isArray(cases)) throw new Error("not a JSON array");
  } catch (error) {
    console.log(`cannot read the cases from stdin: ${error.message}`);
    console.log("0 passed, 1 failed");
    return 1;
  }

  // Joins first: data cases may use the sessions lora-packet derived from them.
  const order = { join_accept: 0 };
  const sorted = [...cases].sort((a, b) => (order[a.kind] ?? 1) - (order[b.kind] ?? 1));
  const joined = new Map();
  const counts = {};
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const kase of sorted) {
    const check = checkCase(kase, joined);
    if (check.failures.length > 0) {
      failed += 1;
      console.log(`FAIL ${check.kind} "${check.name}": ${check.failures.join("; ")}`);
    } else if (check.skipReason !== null) {
      skipped += 1;
      console.log(`SKIP ${check.kind} "${check.name}": ${check.skipReason}`);
    } else {
      passed += 1;
      counts[check.kind] = (counts[check.kind] ?? 0) + 1;
    }
  }

  let tooFew = false;
  for (const [kind, minimum] of Object.entries(expectedMinimum)) {
    const checked = cases.filter((kase) => kase.kind === kind).length;
    if (checked < minimum) {
      tooFew = true;
      console.log(`too few ${kind} cases: ${checked} checked, at least ${minimum} expected`);
    }
  }
  const summary = Object.entries(counts).map(([kind, n]) => `${kind} ${n}`).join(", ");
  console.log(`lora-packet ${require("lora-packet/package.json").version}: ${summary || "nothing"} passed; ${skipped} skipped`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 || tooFew ? 1 : 0;
}

process.exitCode = main();
