"""Documentation generated from the code (``make docs``) must not go stale."""

import re

from jixiao import cli, docs


def test_generated_files_are_up_to_date():
    assert docs.stale() == [], "generated documentation is stale: run `make docs` and commit the result"


def test_the_readme_table_has_every_command_of_jixiao_help(capsys):
    assert cli.main(["--help"]) == 0
    listed = re.findall(r"^  (\S+) ", capsys.readouterr().out, flags=re.M)
    assert {"parse", "convert", "import", "export", "serve", "setupdemo"} <= set(listed)
    table = docs.commands_table()
    for name in listed:
        assert f"| `jixiao {name} " in table or f"| `jixiao {name}`" in table, name


def test_each_row_is_the_usage_that_the_command_prints(capsys):
    parser, _ = cli.core_parser("review")
    parser.print_usage()
    printed = " ".join(capsys.readouterr().out.split()).removeprefix("usage: ").replace(" [-h]", "")
    assert f"| `{printed}` | 按审核规则检查" in docs.commands_table()
