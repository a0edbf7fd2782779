#include "cli/progress.hpp"

#include <algorithm>
#include <ostream>

namespace hortillon::cli {

namespace {
constexpr std::size_t bar_width = 36;
constexpr std::size_t minimum_step = 1000;
constexpr std::size_t phase_width = 10;  // "importing" and "checking" bars line up
}  // namespace

ProgressReport::ProgressReport(std::ostream& err, bool redraw, std::string phase, std::size_t total)
    : err_(err),
      redraw_(redraw),
      phase_(std::move(phase)),
      total_(total),
      step_(std::max(total / 10, minimum_step)),
      next_report_(step_) {}

void ProgressReport::update(std::size_t done) {
    if (redraw_) {
        const int percent = total_ == 0 ? 100 : static_cast<int>(done * 100 / total_);
        if (percent != shown_percent_)
            draw(done);
        return;
    }
    if (done >= next_report_ && done < total_) {
        err_ << phase_ << ": " << done << '/' << total_ << '\n';
        next_report_ = (done / step_ + 1) * step_;
    }
}

void ProgressReport::finish() {
    if (redraw_) {
        draw(total_);
        err_ << '\n';
    } else {
        err_ << phase_ << ": " << total_ << '/' << total_ << '\n';
    }
    err_.flush();
}

void ProgressReport::draw(std::size_t done) {
    const int percent = total_ == 0 ? 100 : static_cast<int>(done * 100 / total_);
    shown_percent_ = percent;
    const std::size_t filled = total_ == 0 ? bar_width : done * bar_width / total_;
    const std::string percent_text = std::to_string(percent) + '%';
    // Appended piece by piece: g++ 12 warns wrongly (-Wrestrict) about "literal" + std::string.
    std::string line(1, '\r');
    line.append(phase_)
        .append(phase_width - std::min(phase_width, phase_.size()), ' ')
        .append(1, '[')
        .append(filled, '#')
        .append(bar_width - filled, '.')
        .append("] ")
        .append(4 - std::min<std::size_t>(4, percent_text.size()), ' ')
        .append(percent_text)
        .append("  ")
        .append(std::to_string(done))
        .append(1, '/')
        .append(std::to_string(total_));
    err_ << line << std::flush;
}

}  // namespace hortillon::cli
