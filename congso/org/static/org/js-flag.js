// Marks the page as scripted before it is drawn (the tree folds its branches only then).
document.documentElement.classList.add("js");
