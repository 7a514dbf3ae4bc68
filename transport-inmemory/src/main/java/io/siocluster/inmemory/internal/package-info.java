/** Implementation of the in-memory transport; not API. */
@NullMarked
package io.siocluster.inmemory.internal;

import org.jspecify.annotations.NullMarked;
