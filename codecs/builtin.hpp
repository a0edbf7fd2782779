#pragma once
// The native codecs compiled into Hortillon, one factory per device codec, and the registry
// that holds all of them. Codec ids are the TTN Device Repository's vendor id and codec name.

#include <memory>

#include "codecs/codec.hpp"
#include "codecs/registry.hpp"

namespace hortillon::codecs {

// Bins (fill level).
auto make_milesight_em310_udl() -> std::unique_ptr<Codec>;   // milesight-iot-em310-udl
auto make_dragino_ldds75() -> std::unique_ptr<Codec>;        // dragino-ldds75 (firmware 1.2)
auto make_dragino_ldds75_114() -> std::unique_ptr<Codec>;    // dragino-ldds75-114 (1.1.4)
auto make_dingtek_df703() -> std::unique_ptr<Codec>;         // dingtek-df703
auto make_pepperl_fuchs_wilsen() -> std::unique_ptr<Codec>;  // pepperl-fuchs-wilsen-sonic-level

// Water meters.
auto make_adeunis_pulse() -> std::unique_ptr<Codec>;       // adeunis-pulse
auto make_milesight_em300_di() -> std::unique_ptr<Codec>;  // milesight-iot-em300-di
auto make_dragino_sw3l() -> std::unique_ptr<Codec>;        // dragino-sw3l
auto make_minol_zenner_edc() -> std::unique_ptr<Codec>;    // minol-zenner-edc-communication-module

// Water level.
auto make_decentlab_dl_pr26() -> std::unique_ptr<Codec>;    // decentlab-dl-pr26
auto make_decentlab_dl_mbx() -> std::unique_ptr<Codec>;     // decentlab-dl-mbx
auto make_milesight_em500_swl() -> std::unique_ptr<Codec>;  // milesight-iot-em500-swl
auto make_ellenex_pls2_l() -> std::unique_ptr<Codec>;       // ellenex-pls2-l
auto make_keller_adt1() -> std::unique_ptr<Codec>;          // keller-adt1

// A registry holding every native codec above.
auto make_builtin_registry() -> CodecRegistry;

}  // namespace hortillon::codecs
