/*
 * digest.h - SHA-256 of the files a run reads, for the provenance of its
 * reports.
 *
 * A thin wrapper over OpenSSL's libcrypto (the EVP interface), so no
 * cryptography is written here and the rest of Rubric does not see
 * OpenSSL's headers.  Nothing here prints or exits: a failure (only when
 * memory runs out) is returned, and the caller reports the digest as not
 * computed.
 *
 *   digest d;
 *   if (digest_begin(&d)) {
 *       digest_add(&d, buf, n);        // as often as needed
 *       ok = digest_end(&d, sum);      // frees d either way
 *   }
 *
 * A digest that was begun must be finished with digest_end or, on an
 * error path, digest_abort: either frees it.
 */
#ifndef RUBRIC_DIGEST_H
#define RUBRIC_DIGEST_H

#include <stdbool.h>
#include <stddef.h>

#define DIGEST_LEN 32               /* bytes of a SHA-256 */
#define DIGEST_HEX (2 * DIGEST_LEN + 1) /* its lowercase hex, with the NUL */

typedef struct digest {
	void *ctx;      /* EVP_MD_CTX *, NULL once finished */
	bool failed;    /* an update failed: digest_end returns false */
} digest;

/* false (and nothing to free) when no digest can be started */
bool digest_begin(digest *d);
void digest_add(digest *d, const void *data, size_t len);
/* Writes the digest to out; false when it could not be computed.  Frees
 * the digest in both cases. */
bool digest_end(digest *d, unsigned char out[DIGEST_LEN]);
/* Frees a digest that will not be finished; a finished one is fine. */
void digest_abort(digest *d);

/* SHA-256 of a buffer in one call; false when it could not be computed. */
bool digest_sha256(const void *data, size_t len, unsigned char out[DIGEST_LEN]);
/* SHA-256 of a file's contents; false with errno set when it cannot be
 * read (or the digest cannot be computed). */
bool digest_file(const char *path, unsigned char out[DIGEST_LEN]);
/* The digest in lowercase hex, as sha256sum prints it. */
void digest_hex(const unsigned char sum[DIGEST_LEN], char out[DIGEST_HEX]);

#endif
