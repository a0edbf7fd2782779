#pragma once
// `hortillon codec ...`: run the device codecs by hand, to check a payload from a vendor's manual
// or a downlink before queueing it, and import JavaScript codecs into the store.
//
//   codec list                              ID, VENDOR, DEVICE, FAMILY, KIND (native or js)
//   codec decode CODEC_ID --fport N HEX     {"data", "warnings"?, "errors"?} on stdout
//   codec encode CODEC_ID [--fport N] JSON  {"bytes": "hex", "fPort": n, "warnings"?} on stdout
//   codec import --id ID [--vendor V] [--device D] [--family F] FILE.js
//                                           the id on stdout; "replaced ..." on stderr if it was
//
// list, decode and encode never create the database: they read the JavaScript codecs of the
// one --db names only when that file exists (built-in codecs need no store at all). import
// creates it like the other commands. A JavaScript codec runs in a hortillon-codec-worker process
// (found next to the hortillon executable) with the default 100 ms and 64 MB limits.
//
// stdout carries the JSON result alone, on one line, so that it pipes into jq; messages go to
// stderr. Exit status: 0 success; 1 when the codec reports errors (decode still prints its
// result, encode prints nothing on stdout) or an imported file does not compile or defines no
// decodeUplink; 2 for bad arguments (unknown codec id, bad hex, fPort outside 1..255, JSON that
// does not parse or is not an object, an import id that is a built-in's, an unreadable file).

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "cli/command_support.hpp"

namespace hortillon::cli {

struct CodecDecodeOptions {
    std::string codec_id;
    std::string f_port;  // 1..255
    std::string hex;     // the FRMPayload, any case, no separators
};

struct CodecEncodeOptions {
    std::string codec_id;
    // When given, the codec must send on this fPort (or names none and this one is used).
    std::optional<std::string> f_port{};
    // The encodeDownlink input, normally {"data": {...}}. An object without a "data" key is the
    // data itself and is wrapped: {"uploadInterval": 4} means {"data": {"uploadInterval": 4}}.
    std::string json;
};

inline constexpr std::string_view codec_encode_input_help =
    "JSON is the codec's encodeDownlink input, e.g. '{\"data\": {\"uploadInterval\": 4}}'. An "
    "object without a \"data\" key is taken as the data and wrapped: '{\"uploadInterval\": 4}' is "
    "the same request. Objects with a \"data\" key are passed as they are (some codecs read "
    "sibling keys, e.g. '{\"command\": 1, \"data\": {...}}').\n";

struct CodecImportOptions {
    std::string id;    // letters, digits, '-', '_', '.'; not a built-in codec's id
    std::string file;  // the JavaScript source
    std::optional<std::string> vendor{};
    std::optional<std::string> device{};
    std::optional<std::string> family{};  // bin, water-meter, water-level
};

// Built-in codecs only, without any store.
auto run_codec_list(std::ostream& out, std::ostream& err) -> int;
auto run_codec_decode(const CodecDecodeOptions& options, std::ostream& out, std::ostream& err)
    -> int;
auto run_codec_encode(const CodecEncodeOptions& options, std::ostream& out, std::ostream& err)
    -> int;

// Built-in codecs and, when the database exists, its JavaScript codecs.
auto run_codec_list(const GlobalOptions& global, std::ostream& out, std::ostream& err) -> int;
auto run_codec_decode(const GlobalOptions& global, const CodecDecodeOptions& options,
                      std::ostream& out, std::ostream& err) -> int;
auto run_codec_encode(const GlobalOptions& global, const CodecEncodeOptions& options,
                      std::ostream& out, std::ostream& err) -> int;

auto run_codec_import(const GlobalOptions& global, const CodecImportOptions& options,
                      std::ostream& out, std::ostream& err) -> int;

}  // namespace hortillon::cli
