#include <CLI/CLI.hpp>
#include <iostream>

int main(int argc, char** argv) {
    CLI::App app{"Hortillon: a LoRaWAN network server and application server"};
    app.set_version_flag("--version", std::string("hortillon ") + HORTILLON_VERSION);
    app.require_subcommand(0, 1);
    CLI11_PARSE(app, argc, argv);
    std::cout << app.help();
    return 0;
}
