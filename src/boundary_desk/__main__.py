from boundary_desk.app import main

raise SystemExit(main())
