/** The wire formats' machinery; not API. */
@NullMarked
package io.siocluster.core.wire.internal;

import org.jspecify.annotations.NullMarked;
