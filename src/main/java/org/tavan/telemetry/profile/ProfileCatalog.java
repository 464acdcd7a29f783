package org.tavan.telemetry.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every profile file ({@code *.json}) directly in one directory. A file that is invalid is left out
 * and reported in {@link #problems()}; the others load regardless, so one typo never takes every
 * rig offline. A missing directory gives an empty catalog with one problem.
 */
public final class ProfileCatalog {

    public static final String FILE_SUFFIX = ".json";

    private final Map<String, FirmwareProfile> byId;
    private final List<ProfileProblem> problems;

    private ProfileCatalog(Map<String, FirmwareProfile> byId, List<ProfileProblem> problems) {
        this.byId = byId;
        this.problems = List.copyOf(problems);
    }

    public static ProfileCatalog load(Path dir) {
        Map<String, FirmwareProfile> byId = new LinkedHashMap<>();
        List<ProfileProblem> problems = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            problems.add(new ProfileProblem(dir, "", "not a directory"));
            return new ProfileCatalog(byId, problems);
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(FILE_SUFFIX) && Files.isRegularFile(f))
                    .sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list firmware profiles in " + dir, e);
        }
        for (Path file : files) {
            try {
                FirmwareProfile profile = FirmwareProfile.read(file);
                FirmwareProfile earlier = byId.get(profile.id());
                if (earlier != null) {
                    problems.add(new ProfileProblem(file, "id", "'" + profile.id() + "' is already used by "
                            + earlier.source().getFileName() + "; this file is ignored"));
                } else {
                    byId.put(profile.id(), profile);
                }
            } catch (InvalidProfile e) {
                problems.addAll(e.problems());
            }
        }
        return new ProfileCatalog(byId, problems);
    }

    /** The valid profiles, ordered by file name. */
    public List<FirmwareProfile> profiles() {
        return List.copyOf(byId.values());
    }

    public Optional<FirmwareProfile> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<ProfileProblem> problems() {
        return problems;
    }
}
