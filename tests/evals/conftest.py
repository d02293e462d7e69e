from tests.support.openai_server import openai_server, openai_server_factory  # noqa: F401 - fixtures
