/**
 * Data sets from local files: the LIBSVM text reader and writer (dense, column-major
 * {@link dev.iterdiff.problem.LabeledData}), the synthetic ridge generator with a controlled
 * condition number, and the maker of the committed {@code data-samples/}. No Spark here:
 * the Spark jobs read LIBSVM through Spark itself or feed lines to {@link
 * dev.iterdiff.data.LibsvmReader#read(String, java.io.Reader, int)}.
 */
package dev.iterdiff.data;
