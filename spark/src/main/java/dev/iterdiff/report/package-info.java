/**
 * Reports of runs for people: PNG plots drawn with java.awt (headless) and ImageIO.
 */
package dev.iterdiff.report;
