package org.tavan.telemetry.profile;

import java.nio.file.Path;

/** Why a profile file was refused: the file, the field (a path such as {@code measurements[2].scale}) and what is wrong. */
public record ProfileProblem(Path file, String field, String message) {

    @Override
    public String toString() {
        return file + ": " + field + ": " + message;
    }
}
