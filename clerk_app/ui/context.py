"""What every page of the app is handed: the workstation, the task runner, the translations and
(once the database is open) the core services. Passed down from `app.py`, never reached as a
global (qt-practice §8 anti-patterns)."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from clerk_app.bootstrap import Workstation
from clerk_app.core.settings import save_settings
from clerk_app.ui.i18n import Translations
from clerk_app.ui.search_process import SearchProcess
from clerk_app.ui.tasks import TaskContext, TaskRunner

if TYPE_CHECKING:  # imported on the worker that opens the database: a faster window
    from clerk_app.core.services.person_search import PersonSearch
    from clerk_app.core.services.requests import RequestService

log = logging.getLogger(__name__)


@dataclass
class Services:
    """The core services the views call, each on a worker through the task runner."""

    uow_factory: Callable[[], Any]
    person_search: PersonSearch | SearchProcess
    requests: RequestService

    def close(self) -> None:
        if isinstance(self.person_search, SearchProcess):
            self.person_search.close()


def open_services(ws: Workstation, search_process: bool = True) -> Services:
    """Open (and migrate) the database; runs on a worker, never on the GUI thread.

    With `search_process` the person search runs in a child process (see search_process.py);
    without, in the worker threads of this process (unit tests, where the lag is no concern).
    """
    from clerk_app.core.services.person_search import PersonSearch
    from clerk_app.core.services.requests import RequestService

    uow_factory = ws.uow_factory()
    search: PersonSearch | SearchProcess
    if search_process:
        search = SearchProcess(str(ws.home.root), ws.url, ws.actor, ws.workstation)
    else:
        search = PersonSearch(uow_factory, ws.actor, ws.workstation)
    return Services(
        uow_factory=uow_factory,
        person_search=search,
        requests=RequestService(uow_factory, ws.office(), ws.actor),
    )


class AppContext(QObject):
    """`ready` fires once the database is open; `data_changed(topic)` after a write, so the
    pages that show that topic reload (Anki's operation_did_execute idea, kept small)."""

    ready = Signal()
    open_failed = Signal(object)
    data_changed = Signal(str)

    def __init__(
        self,
        workstation: Workstation,
        tasks: TaskRunner,
        translations: Translations,
        parent: QObject | None = None,
        search_process: bool = True,
    ) -> None:
        super().__init__(parent)
        self._search_process = search_process
        self.workstation = workstation
        self.tasks = tasks
        self.translations = translations
        self.services: Services | None = None

    def open(self) -> None:
        self.tasks.run(
            lambda _ctx: open_services(self.workstation, self._search_process),
            on_result=self._opened,
            on_error=self.open_failed.emit,
        )

    def _opened(self, services: Services) -> None:
        self.services = services
        self.ready.emit()
        if isinstance(services.person_search, SearchProcess):
            search = services.person_search
            self.tasks.run(lambda _ctx: search.start(), on_error=log.warning)

    def close(self) -> None:
        """After the task runner has stopped: end the search process."""
        if self.services is not None:
            self.services.close()

    def run(
        self,
        fn: Callable[[Services, TaskContext], Any],
        on_result: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        key: str | None = None,
        on_progress: Callable[[int, int | None], None] | None = None,
        on_finally: Callable[[], None] | None = None,
        coalesce: bool = False,
    ) -> None:
        """Run `fn(services, ctx)` off the GUI thread; ignored until the database is open."""
        services = self.services
        if services is None:
            return
        self.tasks.run(
            lambda ctx: fn(services, ctx),
            on_result=on_result,
            on_error=on_error,
            key=key,
            on_progress=on_progress,
            on_finally=on_finally,
            coalesce=coalesce,
        )

    def set_language(self, lang: str) -> None:
        """Switch live and remember the choice (the settings file is written on a worker)."""
        self.translations.switch(lang)
        settings = self.workstation.settings
        if settings.ui_language != lang:
            settings.ui_language = lang
            path = self.workstation.home.settings
            snapshot = dataclasses.replace(settings)  # the worker writes a copy
            self.tasks.run(lambda _ctx: save_settings(path, snapshot), on_error=log.warning)
