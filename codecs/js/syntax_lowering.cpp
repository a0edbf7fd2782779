#include "codecs/js/syntax_lowering.hpp"

#include <cctype>
#include <cstddef>
#include <vector>

namespace hortillon::codecs::js {

namespace {
auto is_identifier_start(char c) -> bool {
    return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '$' ||
           static_cast<unsigned char>(c) >= 0x80;
}

auto is_identifier_part(char c) -> bool {
    return is_identifier_start(c) || std::isdigit(static_cast<unsigned char>(c)) != 0;
}

// After these words a '/' starts a regular expression, not a division.
auto keyword_before_expression(std::string_view word) -> bool {
    for (const std::string_view keyword : {"return", "typeof", "instanceof", "in", "of", "new",
                                           "delete", "void", "throw", "case", "do", "else"}) {
        if (word == keyword)
            return true;
    }
    return false;
}

enum class TokenKind { none, identifier, keyword, number, close_bracket, punctuator };

// One pass over the source, writing the lowered text to `out_`.
class Lowering {
  public:
    explicit Lowering(std::string_view source) : source_(source) {}

    auto run() -> std::string {
        while (position_ < source_.size())
            step();
        close_arrow_bodies(0, true);
        return std::move(out_);
    }

  private:
    struct ArrowBody {
        std::size_t depth;  // bracket depth of the body's expression
    };

    void step() {
        const char c = source_[position_];
        if (c == '/' && next_is('/')) {
            copy_until_line_end();
        } else if (c == '/' && next_is('*')) {
            copy_block_comment();
        } else if (c == '\'' || c == '"') {
            copy_string(c);
            last_ = TokenKind::number;  // a value: a following '/' divides
        } else if (c == '`') {
            lower_template();
            last_ = TokenKind::number;
        } else if (c == '/' && regex_allowed()) {
            copy_regex();
            last_ = TokenKind::number;
        } else if (is_identifier_start(c)) {
            word();
        } else if (std::isdigit(static_cast<unsigned char>(c)) != 0) {
            while (position_ < source_.size() &&
                   (is_identifier_part(source_[position_]) || source_[position_] == '.'))
                out_ += source_[position_++];
            last_ = TokenKind::number;
        } else if (c == '=' && next_is('>')) {
            arrow();
        } else {
            punctuator(c);
        }
    }

    [[nodiscard]] auto next_is(char c) const -> bool {
        return position_ + 1 < source_.size() && source_[position_ + 1] == c;
    }

    [[nodiscard]] auto regex_allowed() const -> bool {
        return last_ == TokenKind::none || last_ == TokenKind::punctuator ||
               last_ == TokenKind::keyword;
    }

    void copy_until_line_end() {
        while (position_ < source_.size() && source_[position_] != '\n')
            out_ += source_[position_++];
    }

    void copy_block_comment() {
        const std::size_t end = source_.find("*/", position_ + 2);
        const std::size_t stop = end == std::string_view::npos ? source_.size() : end + 2;
        out_.append(source_.substr(position_, stop - position_));
        position_ = stop;
    }

    void copy_string(char quote) {
        out_ += source_[position_++];
        while (position_ < source_.size() && source_[position_] != quote &&
               source_[position_] != '\n') {
            if (source_[position_] == '\\' && position_ + 1 < source_.size())
                out_ += source_[position_++];
            out_ += source_[position_++];
        }
        if (position_ < source_.size() && source_[position_] == quote)
            out_ += source_[position_++];
    }

    void copy_regex() {
        bool in_class = false;
        out_ += source_[position_++];
        while (position_ < source_.size() && source_[position_] != '\n') {
            const char c = source_[position_];
            if (c == '\\' && position_ + 1 < source_.size()) {
                out_ += source_[position_++];
            } else if (c == '[') {
                in_class = true;
            } else if (c == ']') {
                in_class = false;
            } else if (c == '/' && !in_class) {
                out_ += source_[position_++];
                break;
            }
            out_ += source_[position_++];
        }
        while (position_ < source_.size() && is_identifier_part(source_[position_]))
            out_ += source_[position_++];  // flags
    }

    void word() {
        const std::size_t start = position_;
        while (position_ < source_.size() && is_identifier_part(source_[position_]))
            ++position_;
        const std::string_view name = source_.substr(start, position_ - start);
        const bool after_dot =
            last_ == TokenKind::punctuator && !out_.empty() && out_.back() == '.';
        if ((name == "let" || name == "const") && !after_dot && declares_next()) {
            out_ += "var";
            last_ = TokenKind::keyword;
            return;
        }
        last_identifier_at_ = out_.size();
        out_.append(name);
        last_ = keyword_before_expression(name) ? TokenKind::keyword : TokenKind::identifier;
    }

    // `let` or `const` followed by a name (not `let` used as a name itself).
    [[nodiscard]] auto declares_next() const -> bool {
        std::size_t i = position_;
        if (i >= source_.size() || (source_[i] != ' ' && source_[i] != '\t'))
            return false;
        while (i < source_.size() && (source_[i] == ' ' || source_[i] == '\t'))
            ++i;
        return i < source_.size() && is_identifier_start(source_[i]);
    }

    // `=>`: turns the parameter list already written into `function (...)`, then opens the
    // body.
    void arrow() {
        position_ += 2;
        std::size_t parameters_at = 0;
        std::string parameters;
        const std::size_t last_char = out_.find_last_not_of(" \t");
        if (last_ == TokenKind::close_bracket && last_char != std::string::npos &&
            out_[last_char] == ')') {
            parameters_at = last_open_paren_;
            parameters = out_.substr(parameters_at);
        } else if (last_ == TokenKind::identifier) {
            parameters_at = last_identifier_at_;
            // Piece by piece: g++ 12 warns wrongly (-Wrestrict) about "(" + string.
            parameters += '(';
            parameters += out_.substr(parameters_at);
            parameters += ')';
        } else {
            out_ += "=>";  // not an arrow we understand: leave it for duktape to report
            return;
        }
        out_.resize(parameters_at);
        out_ += "function ";
        out_ += parameters;
        std::size_t i = position_;
        while (i < source_.size() && std::isspace(static_cast<unsigned char>(source_[i])) != 0 &&
               source_[i] != '\n')
            ++i;
        if (i < source_.size() && source_[i] == '{') {
            last_ = TokenKind::punctuator;
            return;  // a block body is copied as it is
        }
        out_ += " { return ";
        arrow_bodies_.push_back(ArrowBody{depth_});
        last_ = TokenKind::punctuator;
    }

    // Ends the expression bodies open at `depth` (all of them at the end of the source).
    void close_arrow_bodies(std::size_t depth, bool all) {
        while (!arrow_bodies_.empty() && (all || arrow_bodies_.back().depth == depth)) {
            out_ += "; }";
            arrow_bodies_.pop_back();
        }
    }

    // A line break ends an expression body when the line ended on a value and the next line
    // starts a new statement (a name, not an operator), as automatic semicolon insertion would.
    [[nodiscard]] auto line_ends_statement() const -> bool {
        if (last_ != TokenKind::identifier && last_ != TokenKind::number &&
            last_ != TokenKind::close_bracket)
            return false;
        std::size_t i = position_ + 1;
        while (i < source_.size() && std::isspace(static_cast<unsigned char>(source_[i])) != 0)
            ++i;
        return i < source_.size() && is_identifier_start(source_[i]);
    }

    void punctuator(char c) {
        if (c == '\n' && !arrow_bodies_.empty() && arrow_bodies_.back().depth == depth_ &&
            line_ends_statement())
            close_arrow_bodies(depth_, false);
        if (c == ',' || c == ';')
            close_arrow_bodies(depth_, false);
        if (c == ')' || c == ']' || c == '}') {
            close_arrow_bodies(depth_, false);
            if (depth_ > 0)
                --depth_;
            if (c == ')' && !open_parens_.empty()) {
                last_open_paren_ = open_parens_.back();
                open_parens_.pop_back();
            }
            out_ += c;
            ++position_;
            last_ = TokenKind::close_bracket;
            return;
        }
        if (c == '(' || c == '[' || c == '{') {
            if (c == '(')
                open_parens_.push_back(out_.size());
            ++depth_;
        }
        out_ += c;
        ++position_;
        if (std::isspace(static_cast<unsigned char>(c)) == 0)
            last_ = TokenKind::punctuator;
    }

    // `a${b}c` -> ("" + "a" + (b) + "c"); raw line breaks stay line breaks between pieces.
    void lower_template() {
        ++position_;
        out_ += "(\"\" + \"";
        while (position_ < source_.size() && source_[position_] != '`') {
            const char c = source_[position_];
            if (c == '\\' && position_ + 1 < source_.size()) {
                const char escaped = source_[position_ + 1];
                if (escaped == '`' || escaped == '$')
                    out_ += escaped;
                else
                    out_.append(source_.substr(position_, 2));
                position_ += 2;
            } else if (c == '$' && next_is('{')) {
                position_ += 2;
                const std::size_t end = find_substitution_end();
                out_ += "\" + (";
                out_ += lower_es2015_syntax(source_.substr(position_, end - position_));
                out_ += ") + \"";
                position_ = end < source_.size() ? end + 1 : end;
            } else if (c == '\n') {
                out_ += "\\n\" +\n\"";
                ++position_;
            } else if (c == '"') {
                out_ += "\\\"";
                ++position_;
            } else if (c == '\r') {
                ++position_;
            } else {
                out_ += c;
                ++position_;
            }
        }
        if (position_ < source_.size())
            ++position_;
        out_ += "\")";
    }

    // The '}' that closes a `${` substitution starting at position_, past nested brackets,
    // strings and templates.
    [[nodiscard]] auto find_substitution_end() const -> std::size_t {
        std::size_t depth = 0;
        for (std::size_t i = position_; i < source_.size(); ++i) {
            const char c = source_[i];
            if (c == '\'' || c == '"' || c == '`') {
                for (++i; i < source_.size() && source_[i] != c; ++i) {
                    if (source_[i] == '\\')
                        ++i;
                }
            } else if (c == '{') {
                ++depth;
            } else if (c == '}') {
                if (depth == 0)
                    return i;
                --depth;
            }
        }
        return source_.size();
    }

    std::string_view source_;
    std::size_t position_ = 0;
    std::string out_;
    TokenKind last_ = TokenKind::none;
    std::size_t last_identifier_at_ = 0;
    std::size_t last_open_paren_ = 0;
    std::vector<std::size_t> open_parens_;
    std::size_t depth_ = 0;
    std::vector<ArrowBody> arrow_bodies_;
};
}  // namespace

auto lower_es2015_syntax(std::string_view source) -> std::string {
    return Lowering(source).run();
}

}  // namespace hortillon::codecs::js
