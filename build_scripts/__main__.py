import os
import sys

from build_scripts.cli import ends_at_once, main

code = main()
if ends_at_once(sys.argv[1:]):
    # Out without freeing, one by one, the objects the conversion held (the catalogue of the
    # whole archive: a tenth of a second at 10,000 articles, of a run that takes two after an
    # edit). Everything it wrote is closed by now; only the standard streams are flushed.
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:  # (None: started with the stream closed)
                stream.flush()
        except (OSError, ValueError):  # piped into `head` and the like, closed, or a full disk
            pass
    os._exit(code)
sys.exit(code)
