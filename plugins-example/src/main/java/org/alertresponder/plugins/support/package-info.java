/**
 * What the HTTP plugins share, so that they behave alike: one way to classify an HTTP answer as success,
 * retryable or permanent ({@link org.alertresponder.plugins.support.HttpAnswers}), HMAC-SHA256 signatures
 * ({@link org.alertresponder.plugins.support.HmacSignatures}), a client with the shared options
 * ({@link org.alertresponder.plugins.support.PluginHttpClient}) and the summary of a report that people
 * read first ({@link org.alertresponder.plugins.support.ReportDigest}).
 */
package org.alertresponder.plugins.support;
