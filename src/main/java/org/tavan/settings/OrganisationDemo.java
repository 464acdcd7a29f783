package org.tavan.settings;

import org.tavan.audit.Actor;
import org.tavan.demo.DemoData;

/** The demo workshop's names, in Persian as the organisation writes them. */
public final class OrganisationDemo implements DemoData.Seed {

    private final OrganisationSettings settings;

    public OrganisationDemo(OrganisationSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "organisation names";
    }

    @Override
    public void plant(Actor actor) {
        settings.set(OrganisationSettings.Key.ORGANISATION_NAME.code(), "سازمان بهزیستی کشور", actor);
        settings.set(OrganisationSettings.Key.WORKSHOP_NAME.code(), "کارگاه مرکزی ساخت وسایل کمکی، تهران", actor);
    }
}
