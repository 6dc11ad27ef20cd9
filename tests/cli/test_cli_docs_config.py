"""The config file documented in docs/cli.md is one the CLI accepts, with every key."""

from __future__ import annotations

import re
from pathlib import Path

from gitlab_users_client.cli._config_file import SETTINGS, load_config_file
from gitlab_users_client.cli._parser import EPILOG

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def test_every_toml_example_loads(tmp_path: Path) -> None:
    blocks = re.findall(r"^```toml\n(.*?)^```", GUIDE.read_text(), re.S | re.M)
    assert blocks
    for number, block in enumerate(blocks):
        path = tmp_path / f"example-{number}.toml"
        path.write_text(block)
        path.chmod(0o600)
        config = load_config_file(path, required=True)
        assert config.profiles or config.top.values


def test_the_guide_and_the_help_list_every_key() -> None:
    text = GUIDE.read_text()
    paragraph = text[text.index("Keys, in a profile or at the top level:") :].split("\n\n")[0]
    assert set(re.findall(r"`([a-z_]+)`", paragraph)) >= set(SETTINGS)
    help_keys = EPILOG[EPILOG.index("TOML keys:") : EPILOG.index("; at the")]
    assert set(re.findall(r"[a-z_]+", help_keys.replace("TOML keys", ""))) == set(SETTINGS)
