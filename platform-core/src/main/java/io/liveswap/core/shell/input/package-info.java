/**
 * The one wording of the platform's answers to shell input a command cannot take. Not exported: platform bundles
 * with shell commands copy it in privately ({@code -conditionalpackage} in their {@code bnd.bnd}).
 */
package io.liveswap.core.shell.input;
