package io.transcribebridge.review;

import java.util.List;
import java.util.Map;

/**
 * What the accuracy report and the vocabulary proposal need of one reviewed file (read back from its
 * {@code reviewed/<job>.json}).
 *
 * @param score         the prediction's score, null when it had none
 * @param byLabel       segment projects: accuracy per speaker or channel label (reference = the annotation's regions
 *                      of that label, hypothesis = the prediction's regions of that label, each joined in time order);
 *                      empty for whole-file projects
 * @param referenceText the reviewed text as the reviewers wrote it (their spelling and capitals)
 */
public record ReviewedFile(String jobName, String modelVersion, String language, Double score, Accuracy accuracy,
                           List<Correction> corrections, Map<String, Accuracy> byLabel, String referenceText) {
}
