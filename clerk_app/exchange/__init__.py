"""Exchange between municipalities: protocol v1 (envelope, receipt), partner directory, the
receiving side's checks, the workstation's outbox sender and inbox fetcher. Qt-free."""
