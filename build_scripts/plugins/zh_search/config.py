"""Options of the `zh-search` plugin."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ZhSearchConfig(Config):
    enabled = c.Type(bool, default=True)
    # A word list other than the archive's own (`userdict.txt` beside archive.yml, which the
    # converter cuts tags with): jieba user-dictionary format, `#` comments allowed, resolved
    # relative to the folder of mkdocs.yml, never the working directory.
    user_dict = c.Optional(c.Type(str))
    # Add every name printed in a byline (`authors`, `correspondents`) to the dictionary, so
    # that a reporter's name is one searchable word.
    names_from_bylines = c.Type(bool, default=True)
    # Title of the search page (its tab in the navigation).
    search_page_title = c.Type(str, default="检索")
