import sys

from bundler.build import main

sys.exit(main())
