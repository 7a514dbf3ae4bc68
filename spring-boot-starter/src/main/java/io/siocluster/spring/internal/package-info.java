/** Not API: how the starter attaches the cluster, runs the server and reports bad properties. */
@NullMarked
package io.siocluster.spring.internal;

import org.jspecify.annotations.NullMarked;
