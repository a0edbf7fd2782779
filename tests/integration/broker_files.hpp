#pragma once
// Files for a test broker that asks for logins, applies an ACL or speaks TLS, made at test time
// with the real tools: `mosquitto_passwd -b` for the password file and the `openssl` command for
// a CA and the certificates it signs. They live in a temporary folder that the `mosquitto` user
// can read (mosquitto started as root drops to that user), removed with the object. Failures
// throw std::runtime_error with the tool's output.

#include <filesystem>
#include <string>
#include <vector>

namespace hortillon::test_support {

// A CA and the certificates it signed (EC P-256, valid for one day).
struct TestCertificates {
    std::filesystem::path ca;
    std::filesystem::path server_cert;  // for 127.0.0.1 and localhost
    std::filesystem::path server_key;
    std::filesystem::path client_cert;
    std::filesystem::path client_key;
};

class BrokerFiles {
  public:
    BrokerFiles();
    BrokerFiles(const BrokerFiles&) = delete;
    auto operator=(const BrokerFiles&) -> BrokerFiles& = delete;
    ~BrokerFiles();

    [[nodiscard]] auto folder() const -> const std::filesystem::path& { return folder_; }
    [[nodiscard]] auto password_file() const -> std::filesystem::path;

    // Adds a login to the password file, creating the file on first use.
    void add_login(const std::string& user, const std::string& password);
    // Writes (or replaces) `name` in the folder; returns its path.
    auto write(const std::string& name, const std::string& text) -> std::filesystem::path;
    // A new CA, a server certificate, and a client certificate whose CN is `client_name`.
    auto make_certificates(const std::string& client_name) -> TestCertificates;

  private:
    void run(const std::vector<std::string>& arguments);
    void make_readable(const std::filesystem::path& file);

    std::filesystem::path folder_;
};

}  // namespace hortillon::test_support
