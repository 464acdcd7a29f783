package org.tavan.allocation;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;


/**
 * ISO 9999 device classes by name for officers: {@code device.class.<code>}, else the name of
 * the parent class (12.22.03 → 12.22), else the code itself, so a new class is never hidden.
 */
public final class DeviceClassNames {

    private DeviceClassNames() {
    }

    public static String name(Translations texts, String code) {
        if (code == null) {
            return "";
        }
        for (String c = code; ; c = c.substring(0, c.lastIndexOf('.'))) {
            if (texts.has("device.class." + c)) {
                return texts.text("device.class." + c);
            }
            if (c.indexOf('.') < 0) {
                return code;
            }
        }
    }

    /** The names of these codes, for a template ({@code deviceClasses[code]}). */
    public static Map<String, String> of(Translations texts, Collection<String> codes) {
        Map<String, String> names = new HashMap<>();
        for (String code : codes) {
            names.put(code, name(texts, code));
        }
        return names;
    }
}
