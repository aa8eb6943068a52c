#!/usr/bin/env bash
# Builds OpenCV and OpenCvSharp's native wrapper (libOpenCvSharpExtern.so) from source for the architecture it
# runs on, and installs both under /usr/local. NuGet serves OpenCvSharp's native runtime for linux-x64 only, so
# arm64 images (and the Jetson's Ubuntu 22.04 based L4T image, whose glibc is older) get it from here.
# Versions match Directory.Packages.props: OpenCvSharp4 4.13.0.20260627 wraps OpenCV 4.13.0.
set -euo pipefail
: "${OPENCV_VERSION:?}" "${OPENCVSHARP_REF:?}"

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends \
  build-essential cmake git ca-certificates pkg-config \
  libavcodec-dev libavformat-dev libswscale-dev libv4l-dev libgtk-3-dev libtbb-dev libjpeg-dev libpng-dev

work=$(mktemp -d)
cd "$work"
git clone --depth 1 --branch "$OPENCV_VERSION" https://github.com/opencv/opencv.git
git clone --depth 1 --branch "$OPENCV_VERSION" https://github.com/opencv/opencv_contrib.git
git clone --depth 1 --branch "$OPENCVSHARP_REF" https://github.com/shimat/opencvsharp.git

# The modules OpenCvSharpExtern compiles against; V4L2 and FFmpeg give the camera and video files to capture.
cmake -S opencv -B opencv/build \
  -D CMAKE_BUILD_TYPE=Release -D CMAKE_INSTALL_PREFIX=/usr/local \
  -D OPENCV_EXTRA_MODULES_PATH="$work/opencv_contrib/modules" \
  -D BUILD_LIST=core,imgproc,imgcodecs,videoio,highgui,video,calib3d,features2d,flann,objdetect,dnn,ml,photo,stitching,shape,superres,videostab,xfeatures2d,ximgproc,xphoto,aruco,bgsegm,face,img_hash,optflow,quality,text,tracking,wechat_qrcode \
  -D WITH_V4L=ON -D WITH_FFMPEG=ON -D WITH_GTK=ON -D WITH_TBB=ON \
  -D BUILD_TESTS=OFF -D BUILD_PERF_TESTS=OFF -D BUILD_EXAMPLES=OFF -D BUILD_opencv_apps=OFF -D BUILD_DOCS=OFF \
  -D BUILD_opencv_python3=OFF -D BUILD_JAVA=OFF -D OPENCV_GENERATE_PKGCONFIG=ON
cmake --build opencv/build --parallel "$(nproc)" --target install

cmake -S opencvsharp/src -B opencvsharp/build -D CMAKE_BUILD_TYPE=Release -D CMAKE_INSTALL_PREFIX=/usr/local
cmake --build opencvsharp/build --parallel "$(nproc)" --target install
ldconfig
test -f /usr/local/lib/libOpenCvSharpExtern.so
rm -rf "$work"
