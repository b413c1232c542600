package io.transcribebridge.container;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The instructions of a Dockerfile, by build stage: enough to check paths, users and commands without Docker. */
record Dockerfile(List<Dockerfile.Stage> stages) {

    record Instruction(String keyword, String arguments) {
    }

    /** COPY [--from=stage] [--chmod=mode] sources... destination */
    record Copy(String fromStage, String chmod, List<String> sources, String destination) {
    }

    record Stage(String image, String name, List<Instruction> instructions) {

        List<String> instructions(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
        }

        /** The arguments of the last such instruction (the one that counts), or null. */
        String last(String keyword) {
            List<String> all = instructions(keyword);
            return all.isEmpty() ? null : all.get(all.size() - 1);
        }

        List<Copy> copies() {
            List<Copy> copies = new ArrayList<>();
            for (String arguments : instructions("COPY")) {
                String from = null;
                String chmod = null;
                List<String> paths = new ArrayList<>();
                for (String token : arguments.trim().split("\\s+")) {
                    if (token.startsWith("--from=")) {
                        from = token.substring("--from=".length());
                    } else if (token.startsWith("--chmod=")) {
                        chmod = token.substring("--chmod=".length());
                    } else if (!token.startsWith("--")) {
                        paths.add(token);
                    }
                }
                copies.add(new Copy(from, chmod, List.copyOf(paths.subList(0, paths.size() - 1)),
                        paths.get(paths.size() - 1)));
            }
            return copies;
        }

        /** The COPY that puts {@code path} into the image (to that path, or into that directory), or null. */
        Copy copyTo(String path) {
            for (Copy copy : copies()) {
                if (copy.destination().equals(path)) {
                    return copy;
                }
                if (copy.destination().endsWith("/") && path.startsWith(copy.destination())) {
                    return copy;
                }
            }
            return null;
        }

        /** ENV KEY=value pairs (quoted values unquoted). */
        Map<String, String> env() {
            Map<String, String> env = new LinkedHashMap<>();
            Matcher pair = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S*)").matcher(String.join(" ", instructions("ENV")));
            while (pair.find()) {
                env.put(pair.group(1), pair.group(2).replaceAll("^\"|\"$", ""));
            }
            return env;
        }
    }

    static Dockerfile parse(String text) {
        List<Stage> stages = new ArrayList<>();
        List<Instruction> current = null;
        // continuation lines joined; comment lines (also inside a continued instruction) dropped
        String joined = text.lines().filter(line -> !line.trim().startsWith("#"))
                .reduce("", (all, line) -> all.endsWith("\\") ? all.substring(0, all.length() - 1) + " " + line.trim()
                        : all + "\n" + line);
        for (String line : joined.lines().map(String::trim).filter(l -> !l.isEmpty()).toList()) {
            String[] parts = line.split("\\s+", 2);
            String keyword = parts[0].toUpperCase();
            String arguments = parts.length > 1 ? parts[1].trim() : "";
            if (keyword.equals("FROM")) {
                String[] from = arguments.split("\\s+");
                current = new ArrayList<>();
                stages.add(new Stage(from[0], from.length == 3 && from[1].equalsIgnoreCase("AS") ? from[2] : null, current));
            } else if (current != null) {
                current.add(new Instruction(keyword, arguments));
            }
        }
        return new Dockerfile(List.copyOf(stages));
    }

    Stage finalStage() {
        return stages.get(stages.size() - 1);
    }

    Stage stage(String name) {
        return stages.stream().filter(s -> name.equals(s.name())).findFirst().orElse(null);
    }
}
