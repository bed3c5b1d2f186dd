"""Options of the `zh-search` plugin."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ZhSearchConfig(Config):
    enabled = c.Type(bool, default=True)
    # The archive's hand-kept word list (jieba user-dictionary format, `#` comments allowed),
    # resolved relative to the folder of mkdocs.yml, never the working directory.
    user_dict = c.Optional(c.Type(str))
    # Add every name printed in a byline (front matter `authors`, `correspondents`) to the
    # dictionary, so that a reporter's name is one searchable word.
    names_from_bylines = c.Type(bool, default=True)
    # Weight of the search-mode sub-words (统计局 inside 国家统计局) next to whole words (1.0).
    subword_boost = c.Type((int, float), default=0.5)
    # Over this many articles the built-in search index gets slow to load: warn.
    large_archive_threshold = c.Type(int, default=10_000)
    # `material`: Material's search box, one index loaded whole (works offline too).
    # `pagefind`: a search page over a chunked Pagefind index, for large archives (hosted only;
    # remove Material's `search` plugin when choosing it).
    engine = c.Choice(("material", "pagefind"), default="material")
    # Title of the Pagefind search page (its tab in the navigation).
    search_page_title = c.Type(str, default="检索")
