/** Implementation of the PostgreSQL transport; not API, may change in any release. */
@NullMarked
package io.siocluster.postgres.internal;

import org.jspecify.annotations.NullMarked;
