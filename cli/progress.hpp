#pragma once
// Progress of a long operator command on stderr. On a terminal, one line redrawn in place:
//   importing [###########.........................]  31%  31000/100000
// Otherwise (a log, a pipe) a plain line at every tenth of the work (at least every 1,000
// items), so logs stay short and still show that something is moving.

#include <cstddef>
#include <iosfwd>
#include <string>

namespace hortillon::cli {

class ProgressReport {
  public:
    // `redraw`: stderr is a terminal.
    ProgressReport(std::ostream& err, bool redraw, std::string phase, std::size_t total);

    void update(std::size_t done);
    // Shows the final count and ends the line.
    void finish();

  private:
    void draw(std::size_t done);

    std::ostream& err_;
    bool redraw_;
    std::string phase_;
    std::size_t total_;
    std::size_t step_;
    std::size_t next_report_;
    int shown_percent_ = -1;
};

}  // namespace hortillon::cli
