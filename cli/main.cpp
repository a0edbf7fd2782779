// The `hortillon` command line. Parsing only: every command is implemented in the hortillon_cli
// library. Exit status: 0 success, 1 failure, 2 bad arguments.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/config.hpp"

int main(int argc, char** argv) {
    CLI::App app{"Hortillon: a LoRaWAN network server and application server"};
    app.set_version_flag("--version", std::string("hortillon ") + HORTILLON_VERSION);
    app.require_subcommand(1);

    auto* config = app.add_subcommand("config", "Configuration file tools");
    config->require_subcommand(1);
    config->add_subcommand("example", "Print a fully commented configuration file")->callback([] {
        std::cout << hortillon::cli::example_config();
    });

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& help) {
        return app.exit(help);
    } catch (const CLI::CallForAllHelp& help) {
        return app.exit(help);
    } catch (const CLI::Success& done) {
        return app.exit(done);
    } catch (const CLI::ParseError& error) {
        app.exit(error);
        return 2;
    }
    return 0;
}
