"""The health profile in the app: answered or edited on its screen, reviewed every four weeks, saved
merged with any other window's answers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach.errors import CoachError
from coach.logs.timestamps import day_text
from coach.safety.profile import Profile
from coach.safety.profile_store import save_profile
from coach.ui.screens.home import HomeScreen

if TYPE_CHECKING:
    from coach.ui.app import CoachApp


class ProfileFlow:
    def __init__(self, app: CoachApp) -> None:
        self.app = app

    def store(self, profile: Profile) -> bool:
        """Save the profile, merged with what another coach window may have saved since; when that
        fails, warn and use it for this run all the same."""
        app = self.app
        try:
            profile = save_profile(app.data, profile)
        except CoachError as error:
            app.notify(f"{error.message} Your answers count until coach closes.", title=error.title, severity="warning")
        app.profile = profile
        home = app.screen_stack[0]
        if isinstance(home, HomeScreen):
            home.set_profile(profile)
        return True

    async def ask(self) -> Profile | None:
        """Show the profile for answering or editing; the saved profile, or None when left unsaved."""
        app = self.app
        from coach.ui.screens.profile import ProfileScreen

        return await app.push_screen_wait(ProfileScreen(app.profile, app.wall_clock, self.store))

    async def review_if_due(self) -> None:
        """Every four weeks: "has anything changed?"; yes opens the profile, no is recorded as a review."""
        app = self.app
        now = app.wall_clock()
        if not app.profile.due_for_review(now.date()):
            return
        from coach.ui.screens.prompts import YesNoPrompt

        reviewed = day_text(app.profile.reviewed_at) if app.profile.reviewed_at else "never"
        changed = await app.push_screen_wait(
            YesNoPrompt(
                "Has anything changed in your health?",
                f"It is four weeks or more since you last looked at your health profile ({reviewed}).",
                yes="Yes, let me update it",
                no="No, nothing has changed",
            )
        )
        if changed:
            await self.ask()
        else:
            app.profile.mark_reviewed(now)
            self.store(app.profile)
