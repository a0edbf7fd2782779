#include "codecs/builtin.hpp"

namespace hortillon::codecs {

auto make_builtin_registry() -> CodecRegistry {
    CodecRegistry registry;
    registry.add(make_milesight_em310_udl());
    registry.add(make_dragino_ldds75());
    registry.add(make_dragino_ldds75_114());
    registry.add(make_dingtek_df703());
    registry.add(make_pepperl_fuchs_wilsen());
    registry.add(make_adeunis_pulse());
    registry.add(make_milesight_em300_di());
    registry.add(make_dragino_sw3l());
    registry.add(make_minol_zenner_edc());
    registry.add(make_decentlab_dl_pr26());
    registry.add(make_decentlab_dl_mbx());
    registry.add(make_milesight_em500_swl());
    registry.add(make_ellenex_pls2_l());
    registry.add(make_keller_adt1());
    return registry;
}

}  // namespace hortillon::codecs
