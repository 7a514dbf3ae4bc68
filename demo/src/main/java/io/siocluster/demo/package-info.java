/** The demo: a chat cluster of netty-socketio nodes over PostgreSQL, with a page and console bots. */
@NullMarked
package io.siocluster.demo;

import org.jspecify.annotations.NullMarked;
