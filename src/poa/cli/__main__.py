import sys

from poa.cli.run import main

sys.exit(main())
