/**
 * The content API as a Jakarta Servlet 6 servlet, for any servlet container.
 */
@NullMarked
package dev.broadsheet.servlet;

import org.jspecify.annotations.NullMarked;
