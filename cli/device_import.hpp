#pragma once
// `hortillon device import`: bulk provisioning from a CSV file, all or nothing.
//
// Steps: read the header; check every row (its values, duplicates within the file, DevEUIs
// already in the store) and report every bad row with its line number; only when all rows are
// good, insert them in one transaction and print the count alone on stdout.

#include <iosfwd>
#include <string>
#include <string_view>

#include "cli/command_support.hpp"

namespace hortillon::cli {

// For `device import --help`.
inline constexpr std::string_view device_import_format_help =
    "FILE is CSV whose first line names the columns, in any order:\n"
    "  OTAA:             dev_eui,name,join_eui,app_key[,nwk_key]\n"
    "  ABP (1.0.x):      dev_eui,name,dev_addr,nwk_s_key,app_s_key\n"
    "  ABP (1.1):        dev_eui,name,dev_addr,f_nwk_s_int_key,s_nwk_s_int_key,nwk_s_enc_key,"
    "app_s_key\n"
    "EUIs, DevAddrs and keys are big-endian hex (16, 8 and 32 digits), any case. nwk_key is the\n"
    "LoRaWAN 1.1 NwkKey and may be left empty. Blank lines and lines starting with # are\n"
    "skipped; fields may be quoted (\"...\"). If any row is bad, every bad row is reported and\n"
    "nothing is imported; otherwise all rows are imported in one transaction and the count is\n"
    "printed.";

struct DeviceImportOptions {
    std::string application;     // id or unique name
    std::string device_profile;  // id or name, within the application's tenant
    std::string file;
    bool progress_bar = false;  // stderr is a terminal: redraw a bar; otherwise periodic lines
};

auto run_device_import(const GlobalOptions& global, const DeviceImportOptions& options,
                       std::ostream& out, std::ostream& err) -> int;

}  // namespace hortillon::cli
