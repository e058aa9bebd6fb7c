/**
 * What the HTTP plugins share, so that they behave alike: one way to classify an HTTP answer as success,
 * retryable or permanent ({@link org.alertresponder.plugins.support.HttpAnswers}), HMAC-SHA256 signatures
 * ({@link org.alertresponder.plugins.support.HmacSignatures}), a client with the shared options
 * ({@link org.alertresponder.plugins.support.PluginHttpClient}), the summary of a report that people
 * read first ({@link org.alertresponder.plugins.support.ReportDigest}) and the link to a report in the
 * operator's console ({@link org.alertresponder.plugins.support.ReportLinks}).
 */
package org.alertresponder.plugins.support;
