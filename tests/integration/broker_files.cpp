#include "broker_files.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <stdexcept>

namespace hortillon::test_support {

namespace {
namespace fs = std::filesystem;

// Extensions of each certificate. A config of our own keeps the system's openssl.cnf out.
constexpr std::string_view openssl_config = R"([req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, DNS:localhost
[client]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
)";

auto read_text(const fs::path& file) -> std::string {
    std::ifstream in(file);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
}  // namespace

BrokerFiles::BrokerFiles() {
    std::string pattern = (fs::temp_directory_path() / "hortillon-broker-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr)
        throw std::runtime_error("broker files: no temporary folder");
    folder_ = pattern;
    make_readable(folder_);
}

BrokerFiles::~BrokerFiles() {
    std::error_code ignored;
    fs::remove_all(folder_, ignored);
}

auto BrokerFiles::password_file() const -> fs::path {
    return folder_ / "passwords";
}

void BrokerFiles::add_login(const std::string& user, const std::string& password) {
    const bool create = !fs::exists(password_file());
    std::vector<std::string> arguments{"mosquitto_passwd", "-b"};
    if (create)
        arguments.emplace_back("-c");
    arguments.insert(arguments.end(), {password_file().string(), user, password});
    run(arguments);
    make_readable(password_file());
}

auto BrokerFiles::write(const std::string& name, const std::string& text) -> fs::path {
    const fs::path file = folder_ / name;
    std::ofstream(file, std::ios::trunc) << text;
    make_readable(file);
    return file;
}

auto BrokerFiles::make_certificates(const std::string& client_name) -> TestCertificates {
    const std::string config = write("openssl.cnf", std::string(openssl_config)).string();
    const auto path = [this](const std::string& name) { return (folder_ / name).string(); };
    const std::vector<std::string> new_key{"-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                                           "-nodes"};
    const auto request = [&](std::vector<std::string> arguments) {
        arguments.insert(arguments.begin() + 2, new_key.begin(), new_key.end());
        run(arguments);
    };
    request({"openssl", "req", "-x509", "-config", config, "-extensions", "ca", "-days", "1",
             "-subj", "/CN=Hortillon test CA", "-keyout", path("ca.key"), "-out", path("ca.crt")});
    const auto sign = [&](const std::string& name, const std::string& subject,
                          const std::string& extensions, const std::string& serial) {
        request({"openssl", "req", "-new", "-config", config, "-subj", subject, "-keyout",
                 path(name + ".key"), "-out", path(name + ".csr")});
        run({"openssl", "x509", "-req", "-in", path(name + ".csr"), "-CA", path("ca.crt"), "-CAkey",
             path("ca.key"), "-set_serial", serial, "-days", "1", "-extfile", config, "-extensions",
             extensions, "-out", path(name + ".crt")});
    };
    sign("server", "/CN=localhost", "server", "2");
    sign("client", "/CN=" + client_name, "client", "3");
    for (const char* file : {"ca.crt", "server.crt", "server.key", "client.crt", "client.key"})
        make_readable(folder_ / file);
    return TestCertificates{folder_ / "ca.crt", folder_ / "server.crt", folder_ / "server.key",
                            folder_ / "client.crt", folder_ / "client.key"};
}

// The program's output goes to a log file in the folder, shown only when it fails.
void BrokerFiles::run(const std::vector<std::string>& arguments) {
    const fs::path log = folder_ / "tool.log";
    std::vector<char*> argv;
    for (const std::string& argument : arguments)
        argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0)
        throw std::runtime_error("broker files: fork failed");
    if (pid == 0) {
        const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ::dup2(out, STDOUT_FILENO);
        ::dup2(out, STDERR_FILENO);
        ::execvp(argv[0], argv.data());
        ::_exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw std::runtime_error(arguments[0] + " " + arguments[1] + " failed: " + read_text(log));
}

// Test files only: private keys included, since the broker reads them as `mosquitto`.
void BrokerFiles::make_readable(const fs::path& file) {
    using fs::perms;
    const perms read =
        perms::owner_read | perms::owner_write | perms::group_read | perms::others_read;
    fs::permissions(file, fs::is_directory(file)
                              ? read | perms::owner_exec | perms::group_exec | perms::others_exec
                              : read);
}

}  // namespace hortillon::test_support
