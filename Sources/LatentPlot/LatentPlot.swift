// LatentPlot: SVG figures in pure Swift (scatter plots with centroids, confusion heatmaps, log-log curves).
